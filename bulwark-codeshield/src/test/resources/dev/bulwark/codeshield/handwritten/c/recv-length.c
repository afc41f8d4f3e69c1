// expect: insecure CWE-120
#include <sys/socket.h>
#include <string.h>

void handle(int sock) {
    unsigned char hdr[2];
    char body[256];
    recv(sock, hdr, 2, 0);
    unsigned short len = (hdr[0] << 8) | hdr[1];
    recv(sock, body, len, 0);
}
