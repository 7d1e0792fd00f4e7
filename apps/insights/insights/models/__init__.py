"""The computations behind each endpoint, free of HTTP."""
