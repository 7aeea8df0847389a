"""autograd_lite.nn: neural networks built from Values."""
