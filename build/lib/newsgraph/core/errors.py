"""The error tree. Edges turn these into HTTP statuses or one-line CLI messages.

NewsgraphError
 +-- IngestError        an article could not be loaded or processed
 |    +-- UnsupportedFormat
 |    +-- EmptyArticle
 +-- GraphError         the graph store refused or failed an operation
 +-- SearchError        a passage index failed
 +-- QueryError         a SPARQL query or question could not be run
 +-- NotFound           an article or entity id that is not in the store
 |    +-- InvalidId      an id no article can have
 +-- Refused            a request the server's rules do not allow
      +-- Unauthorized   without the token its route needs
      +-- Conflict       a job in a state that does not allow it
      +-- ReadOnly       a write to a store opened read-only
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


class InvalidId(NotFound):
    """An id no article can have (so none is stored under it)."""


class Refused(NewsgraphError):
    """A request the server's rules do not allow."""


class Unauthorized(Refused):
    """A request without the token its route needs, or with a wrong one."""


class Conflict(Refused):
    """An operation the current state does not allow, such as cancelling a running job."""


class ReadOnly(Refused):
    """A write to a store that is open read-only."""
