/* GLPK (Debian libglpk-dev), the linear and mixed-integer programming solver under
   FabriqueDisclosure: least-loss secondary suppression and the interval audit. */
#include <glpk.h>
