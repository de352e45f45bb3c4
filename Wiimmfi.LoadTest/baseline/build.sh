#!/bin/sh
# Builds the raw UDP echo baseline (udp_echo.c) into Wiimmfi.LoadTest/baseline/bin/udp_echo with gcc.
# Usage: Wiimmfi.LoadTest/baseline/build.sh   then   Wiimmfi.LoadTest/baseline/bin/udp_echo bench
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/bin"
gcc -O2 -Wall -Wextra -Werror -std=c11 -o "$here/bin/udp_echo" "$here/udp_echo.c"
echo "$here/bin/udp_echo"
