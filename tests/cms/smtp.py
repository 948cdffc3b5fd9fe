"""A tiny SMTP server for worker tests: it accepts every message, except that it can leave one
message's DATA unanswered, as a mail server that hangs while the worker waits for it."""

import email.parser
import email.policy
import socket
import threading


class StallingSMTPServer:
    def __init__(self, stall_first=True):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.accepted = []  # messages the server answered "250" to, parsed
        self.stalled = threading.Event()  # set once the first message is held unanswered
        self.stalled_message = None
        self._stall_next = stall_first
        self._lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self):
        self.socket.close()

    def message_ids(self):
        with self._lock:
            return [message["Message-ID"] for message in self.accepted]

    def _serve(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(connection,), daemon=True).start()

    def _session(self, connection):
        parser = email.parser.BytesParser(policy=email.policy.default)
        with connection, connection.makefile("rb") as lines:

            def reply(text):
                connection.sendall(text.encode() + b"\r\n")

            reply("220 test.invalid ESMTP")
            while line := lines.readline():
                command = line.decode().strip().upper()
                if command == "DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    data = bytearray()
                    while (chunk := lines.readline()) not in (b".\r\n", b""):
                        data += chunk[1:] if chunk.startswith(b".") else chunk
                    message = parser.parsebytes(bytes(data))
                    with self._lock:
                        stall, self._stall_next = self._stall_next, False
                        if not stall:
                            self.accepted.append(message)
                    if stall:
                        self.stalled_message = message
                        self.stalled.set()
                        lines.read()  # no answer: wait until the client goes away
                        return
                    reply("250 OK")
                elif command == "QUIT":
                    reply("221 Bye")
                    return
                else:  # EHLO, MAIL FROM, RCPT TO, RSET, NOOP
                    reply("250 OK")
