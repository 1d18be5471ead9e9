"""The Qt user interface: views render domain state and forward input to services."""
