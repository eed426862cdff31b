# vulcan/: no sources yet (see vulcan/README.md)
