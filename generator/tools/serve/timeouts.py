"""How long the development server waits: constants the command line shows as defaults, kept apart
so that reading them costs the CLI no import of the server."""

HTTP_IDLE_TIMEOUT = 30.0  # seconds a keep-alive connection may wait between requests
HEADER_TIMEOUT = 10.0  # seconds from a request's first byte to the end of its headers
