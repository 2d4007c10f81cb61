"""The error tree. Edges turn these into HTTP statuses or one-line CLI messages.

NewsgraphError
 +-- IngestError        an article could not be loaded or processed
 |    +-- UnsupportedFormat
 |    +-- EmptyArticle
 +-- GraphError         the graph store refused or failed an operation
 +-- SearchError        a passage index failed
 +-- QueryError         a SPARQL query or question could not be run
 +-- NotFound           an article or entity id that is not in the store
"""


class NewsgraphError(Exception):
    """Base of every error Newsgraph raises on purpose."""


class IngestError(NewsgraphError):
    """An article could not be loaded or processed."""


class UnsupportedFormat(IngestError):
    """A file whose extension or content no loader accepts."""


class EmptyArticle(IngestError):
    """A file or record that holds no article text."""


class GraphError(NewsgraphError):
    """The graph store refused or failed an operation."""


class SearchError(NewsgraphError):
    """A passage index failed."""


class QueryError(NewsgraphError):
    """A SPARQL query or a question could not be run."""


class NotFound(NewsgraphError):
    """An article or entity id that is not in the store."""
