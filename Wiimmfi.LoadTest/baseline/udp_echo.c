/*
 * udp_echo: the raw loopback UDP request/response rate of this machine, measured the cheapest way C can
 * (blocking recvfrom/sendto on the server, recvmmsg/sendmmsg batches on the client). It is the yardstick the
 * matchmaking figures are divided by ("heartbeats absorbed per second as a ratio of the raw UDP rate"), run in
 * the same script right before and after the node is measured, so both share the machine's state.
 *
 *   udp_echo bench [--window 64] [--size 60] [--warmup 2] [--seconds 5] [--runs 5] [--address 127.0.0.1]
 *       forks an echo server and a client (two processes sharing the cores, like a node and its load driver),
 *       prints one line per run and a JSON summary line (median, min, max round trips per second).
 *   udp_echo server ADDRESS PORT        echo every datagram back to its sender, until killed.
 *   udp_echo client ADDRESS PORT [--window W] [--size N] [--warmup S] [--seconds S]
 *       keep W requests in flight against a server; print round trips per second.
 *
 * Loopback only: the address must be in 127.0.0.0/8. A lost datagram would shrink the window for good, so a
 * receive that waits 200 ms refills it (and counts the loss).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_SIZE 1400

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* utime + stime of a process in seconds, from /proc/<pid>/stat; -1 when unreadable. */
static double cpu_seconds(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may contain spaces */
    if (!p) return -1;
    unsigned long utime = 0, stime = 0;
    /* after ")": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
    return (utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static int parse_loopback(const char *text, int port, struct sockaddr_in *out)
{
    memset(out, 0, sizeof *out);
    out->sin_family = AF_INET;
    out->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, text, &out->sin_addr) != 1) return -1;
    if ((ntohl(out->sin_addr.s_addr) >> 24) != 127) return -1; /* the loopback rule */
    return 0;
}

static int run_server(int fd)
{
    char buf[65536];
    struct sockaddr_in from;
    for (;;)
    {
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
        if (n < 0)
        {
            if (errno == EINTR) continue;
            perror("recvfrom");
            return 1;
        }
        sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
    }
}

static int open_server(const struct sockaddr_in *at, struct sockaddr_in *bound)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) { perror("socket"); return -1; }
    if (bind(fd, (const struct sockaddr *)at, sizeof *at) < 0) { perror("bind"); close(fd); return -1; }
    socklen_t len = sizeof *bound;
    getsockname(fd, (struct sockaddr *)bound, &len);
    return fd;
}

struct client_result
{
    double rate;       /* round trips per second in the measured window */
    double client_cpu; /* % of one core */
    double server_cpu; /* % of one core, or -1 */
    long refills;      /* receive timeouts that refilled the window (lost datagrams) */
};

static int run_client(const struct sockaddr_in *server, int window, int size, double warmup, double seconds,
                      pid_t server_pid, struct client_result *result)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) { perror("socket"); return -1; }
    if (connect(fd, (const struct sockaddr *)server, sizeof *server) < 0) { perror("connect"); close(fd); return -1; }
    struct timeval timeout = { 0, 200 * 1000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

    static char send_bufs[BATCH][MAX_SIZE], recv_bufs[BATCH][MAX_SIZE];
    struct mmsghdr send_msgs[BATCH], recv_msgs[BATCH];
    struct iovec send_iov[BATCH], recv_iov[BATCH];
    for (int i = 0; i < BATCH; i++)
    {
        memset(send_bufs[i], 'q', (size_t)size);
        send_iov[i].iov_base = send_bufs[i];
        send_iov[i].iov_len = (size_t)size;
        recv_iov[i].iov_base = recv_bufs[i];
        recv_iov[i].iov_len = MAX_SIZE;
        memset(&send_msgs[i], 0, sizeof send_msgs[i]);
        memset(&recv_msgs[i], 0, sizeof recv_msgs[i]);
        send_msgs[i].msg_hdr.msg_iov = &send_iov[i];
        send_msgs[i].msg_hdr.msg_iovlen = 1;
        recv_msgs[i].msg_hdr.msg_iov = &recv_iov[i];
        recv_msgs[i].msg_hdr.msg_iovlen = 1;
    }

    int in_flight = 0;
    long received = 0, refills = 0;
    double start = now_s(), measure_from = start + warmup, measure_to = measure_from + seconds;
    long received_at_start = -1;
    double cpu_client_start = 0, cpu_server_start = 0;
    for (;;)
    {
        /* Top the window up, at most a batch per call. */
        while (in_flight < window)
        {
            int want = window - in_flight;
            if (want > BATCH) want = BATCH;
            int sent = sendmmsg(fd, send_msgs, (unsigned)want, 0);
            if (sent <= 0) break;
            in_flight += sent;
        }
        int got = recvmmsg(fd, recv_msgs, BATCH, MSG_WAITFORONE, NULL);
        if (got < 0)
        {
            if (errno == EAGAIN || errno == EWOULDBLOCK) { refills++; in_flight = 0; continue; }
            if (errno == EINTR || errno == ECONNREFUSED) continue;
            perror("recvmmsg");
            close(fd);
            return -1;
        }
        in_flight -= got;
        received += got;
        double t = now_s();
        if (received_at_start < 0 && t >= measure_from)
        {
            received_at_start = received;
            cpu_client_start = cpu_seconds(getpid());
            cpu_server_start = server_pid > 0 ? cpu_seconds(server_pid) : -1;
            measure_from = t;
        }
        if (received_at_start >= 0 && t >= measure_to)
        {
            double elapsed = t - measure_from;
            result->rate = (received - received_at_start) / elapsed;
            result->client_cpu = 100 * (cpu_seconds(getpid()) - cpu_client_start) / elapsed;
            result->server_cpu = server_pid > 0 ? 100 * (cpu_seconds(server_pid) - cpu_server_start) / elapsed : -1;
            result->refills = refills;
            break;
        }
    }
    close(fd);
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double option(int argc, char **argv, const char *name, double fallback)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0) return atof(argv[i + 1]);
    return fallback;
}

static const char *text_option(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0) return argv[i + 1];
    return fallback;
}

static int usage(void)
{
    fprintf(stderr, "usage: udp_echo bench [--window 64] [--size 60] [--warmup 2] [--seconds 5] [--runs 5] [--address 127.0.0.1]\n"
                    "       udp_echo server ADDRESS PORT\n"
                    "       udp_echo client ADDRESS PORT [--window 64] [--size 60] [--warmup 2] [--seconds 5]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage();
    int window = (int)option(argc, argv, "--window", 64);
    int size = (int)option(argc, argv, "--size", 60);
    double warmup = option(argc, argv, "--warmup", 2);
    double seconds = option(argc, argv, "--seconds", 5);
    if (window < 1 || window > 4096 || size < 1 || size > MAX_SIZE || warmup < 0 || seconds <= 0)
    {
        fprintf(stderr, "udp_echo: window 1-4096, size 1-%d, warmup >= 0, seconds > 0\n", MAX_SIZE);
        return 2;
    }

    if (strcmp(argv[1], "server") == 0 && argc >= 4)
    {
        struct sockaddr_in at, bound;
        if (parse_loopback(argv[2], atoi(argv[3]), &at) < 0) { fprintf(stderr, "udp_echo: %s is not a loopback address\n", argv[2]); return 2; }
        int fd = open_server(&at, &bound);
        return fd < 0 ? 1 : run_server(fd);
    }
    if (strcmp(argv[1], "client") == 0 && argc >= 4)
    {
        struct sockaddr_in server;
        if (parse_loopback(argv[2], atoi(argv[3]), &server) < 0) { fprintf(stderr, "udp_echo: %s is not a loopback address\n", argv[2]); return 2; }
        struct client_result r;
        if (run_client(&server, window, size, warmup, seconds, 0, &r) < 0) return 1;
        printf("%.0f round trips/s (client CPU %.0f %%, %ld refills)\n", r.rate, r.client_cpu, r.refills);
        return 0;
    }
    if (strcmp(argv[1], "bench") != 0) return usage();

    int runs = (int)option(argc, argv, "--runs", 5);
    if (runs < 1 || runs > 100) { fprintf(stderr, "udp_echo: runs 1-100\n"); return 2; }
    struct sockaddr_in at, bound;
    if (parse_loopback(text_option(argc, argv, "--address", "127.0.0.1"), 0, &at) < 0) { fprintf(stderr, "udp_echo: not a loopback address\n"); return 2; }
    int fd = open_server(&at, &bound);
    if (fd < 0) return 1;
    pid_t server = fork();
    if (server < 0) { perror("fork"); return 1; }
    if (server == 0) return run_server(fd);
    close(fd);

    double rates[100];
    int done = 0;
    for (int i = 0; i < runs; i++)
    {
        struct client_result r;
        /* The first run carries the warm-up; later runs measure straight away (the server is warm). */
        if (run_client(&bound, window, size, i == 0 ? warmup : 0.2, seconds, server, &r) < 0) break;
        rates[done++] = r.rate;
        printf("run %d: %.0f round trips/s, server CPU %.0f %%, client CPU %.0f %%, %ld refills\n",
               i + 1, r.rate, r.server_cpu, r.client_cpu, r.refills);
        fflush(stdout);
    }
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    if (done == 0) return 1;
    double sorted[100];
    memcpy(sorted, rates, sizeof(double) * (size_t)done);
    qsort(sorted, (size_t)done, sizeof(double), compare_doubles);
    double median = done % 2 ? sorted[done / 2] : (sorted[done / 2 - 1] + sorted[done / 2]) / 2;
    printf("{\"tool\":\"udp_echo\",\"window\":%d,\"size\":%d,\"seconds\":%.1f,\"runs\":%d,"
           "\"median\":%.0f,\"min\":%.0f,\"max\":%.0f}\n",
           window, size, seconds, done, median, sorted[0], sorted[done - 1]);
    return 0;
}
