# debugger/: no sources yet (see debugger/README.md)
