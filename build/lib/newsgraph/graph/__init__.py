"""The graph layer: ontology, Extraction -> RDF, the store backends, SPARQL templates."""
