/* A read error in the middle of a file, for tests: read() of the file named by
   NETLOG_TEST_EIO_FILE fails with EIO from byte NETLOG_TEST_EIO_AT on, as a bad disk
   sector would. Loaded with LD_PRELOAD; every other read goes through untouched. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t read(int fd, void* buf, size_t count) {
    static ssize_t (*real_read)(int, void*, size_t);
    if (!real_read) {
        real_read = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
    }
    const char* file = getenv("NETLOG_TEST_EIO_FILE");
    const char* at = getenv("NETLOG_TEST_EIO_AT");
    if (file && at) {
        char link[64], path[PATH_MAX];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, path, sizeof path - 1);
        if (n > 0) {
            path[n] = '\0';
            off_t offset = lseek(fd, 0, SEEK_CUR);
            if (strcmp(path, file) == 0 && offset >= atoll(at)) {
                errno = EIO;
                return -1;
            }
        }
    }
    return real_read(fd, buf, count);
}

/* A file that vanishes between the listing of its folder and its opening (a Maildir
   message moved by the mail client meanwhile): open() of NETLOG_TEST_VANISH_FILE fails
   with ENOENT. */
#include <fcntl.h>
#include <stdarg.h>

static int vanished(const char* path) {
    const char* file = getenv("NETLOG_TEST_VANISH_FILE");
    return file && strcmp(path, file) == 0;
}

#define OPEN_SHIM(name)                                                          \
    int name(const char* path, int flags, ...) {                                 \
        static int (*real)(const char*, int, ...);                               \
        if (!real) {                                                             \
            real = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, #name);      \
        }                                                                        \
        mode_t mode = 0;                                                         \
        if (flags & O_CREAT) {                                                   \
            va_list args;                                                        \
            va_start(args, flags);                                               \
            mode = (mode_t)va_arg(args, int);                                    \
            va_end(args);                                                        \
        }                                                                        \
        if (vanished(path)) {                                                    \
            errno = ENOENT;                                                      \
            return -1;                                                           \
        }                                                                        \
        return real(path, flags, mode);                                          \
    }
OPEN_SHIM(open)
OPEN_SHIM(open64)
