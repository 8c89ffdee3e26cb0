// The header's declaration is the whole target; SwiftPM wants one source file.
#include "CFuzzDriver.h"
