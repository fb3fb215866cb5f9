"""The library the Python tests use: stl_mlir.scheme and stl_mlir.capi call
the build's libSTLCAPI.so (found as stl_mlir.capi.find_library says; set
STL_BUILD_DIR to the build directory). Its path, or why it was not found,
heads the test report."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import capi  # noqa: E402


def pytest_report_header(config):
    try:
        return "libSTLCAPI.so: %s" % capi.find_library()
    except capi.LibraryNotFound as e:
        return "libSTLCAPI.so: %s" % e
