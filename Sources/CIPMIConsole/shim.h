#ifndef FOUNDRY_CIPMICONSOLE_SHIM_H
#define FOUNDRY_CIPMICONSOLE_SHIM_H
#include <ipmiconsole.h>
#endif
