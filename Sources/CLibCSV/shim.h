#include <csv.h>

/* libcsv asks its space function about every byte it reads. Spaces around fields belong to
   the values (RFC 4180), so no byte is a space; written in C, the answer costs a plain call
   instead of a Swift closure's thunk per byte. */
static inline int fabrique_csv_no_space(unsigned char c) {
    (void)c;
    return 0;
}
