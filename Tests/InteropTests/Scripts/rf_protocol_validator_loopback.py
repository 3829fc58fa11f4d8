"""Runs DMTF's redfish-protocol-validator with its SSDP discovery switched off.

The validator multicasts SSDP M-SEARCH requests (239.255.255.250, ff02::c) to find the service;
tests here may only send to loopback, and the simulator does not implement SSDP, so discovery
finds nothing and the SSDP assertions are reported NOT_TESTED either way. Everything else is the
tool's own code.

usage: rf_protocol_validator_loopback.py [rf_protocol_validator arguments]
"""

import sys

from redfish_protocol_validator import console_scripts, utils


def no_ssdp(*args, **kwargs):
    return {}


if __name__ == "__main__":
    utils.discover_ssdp = no_ssdp
    sys.argv[0] = "rf_protocol_validator"
    sys.exit(console_scripts.main())
