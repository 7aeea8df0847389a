"""autograd_lite.viz: Graphviz diagrams of computational graphs."""
