// ISA-L's igzip: the streaming inflate Safeguard uses for gzip layers.
#ifndef SAFEGUARD_CISAL_SHIM_H
#define SAFEGUARD_CISAL_SHIM_H

#include <isa-l/igzip_lib.h>

#endif
