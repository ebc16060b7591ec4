// File-system calls the Swift overlay of the C library does not expose.
#ifndef SCENEWRIGHT_CFILESHIM_H
#define SCENEWRIGHT_CFILESHIM_H

/// Flushes to disk the written data of the one file system that holds `path` (Linux `syncfs`),
/// not every file system of the machine as `sync` does. Returns 0, or -1 where it cannot
/// (another system, an unreadable path, an old kernel): the caller then falls back to `sync`.
int swfile_sync_filesystem(const char *path);

#endif
