# Lets pytest import the peer modules (interop_common, peer_processes) from this folder.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
