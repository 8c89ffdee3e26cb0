/* ReadStat (Debian libreadstat-dev), which writes the SPSS .sav and Stata .dta files of
   `fabrique export responses --format sav|dta`. */
#include <readstat.h>
