# linux-port/: no sources yet (see linux-port/README.md)
