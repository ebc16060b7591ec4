#include "CFileShim.h"

#include <fcntl.h>
#include <unistd.h>

#if defined(__linux__)
extern int syncfs(int fd);  // glibc declares it only under _GNU_SOURCE
#endif

int swfile_sync_filesystem(const char *path) {
#if defined(__linux__)
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int status = syncfs(fd);
    close(fd);
    return status == 0 ? 0 : -1;
#else
    (void)path;
    return -1;
#endif
}
