// libyaml's event parser, for YAML catalogs of vetted base images.
#ifndef SAFEGUARD_CYAML_SHIM_H
#define SAFEGUARD_CYAML_SHIM_H

#include <yaml.h>

#endif
