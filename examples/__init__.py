"""The lecture notes' worked examples, one lesson per module (installed as autograd_lite.examples)."""
