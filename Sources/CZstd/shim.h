// libzstd's streaming decompression, for zstd-compressed layers.
#ifndef SAFEGUARD_CZSTD_SHIM_H
#define SAFEGUARD_CZSTD_SHIM_H

#include <zstd.h>
#include <zstd_errors.h>

#endif
