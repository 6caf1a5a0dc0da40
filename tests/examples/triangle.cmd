examples/triangle.deal
