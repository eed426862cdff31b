# userland/: no sources yet (see userland/README.md)
