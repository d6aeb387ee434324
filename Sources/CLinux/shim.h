#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H
#include <sys/timerfd.h>
#include <sys/inotify.h>
#endif
