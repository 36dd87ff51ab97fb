"""Address safety: refuse hosts that resolve to loopback, private, link-local … addresses.

The check lives in the connection layer (``SafeBackend``, an httpcore network backend) so
the address that is checked is the address that is connected to: the host name is
resolved once, every answer is classified, and the TCP connection is opened to the checked
IP literal. A second DNS lookup (DNS rebinding) never happens between check and connect.
TLS is unaffected: httpcore still passes the host name as SNI and for certificate checks.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ..errors import BlockedAddressError, ConnectError, DNSError, FetchTimeout

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# RFC 6598 shared address space (carrier-grade NAT): not "private" to Python, not public.
_SHARED = ipaddress.ip_network("100.64.0.0/10")
# RFC 6052 well-known NAT64 prefix: the last 32 bits are an IPv4 address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

HINT = "(use --allow-private)"


class TransientDNSError(DNSError):
    """A DNS failure worth retrying (the resolver said "try again"), unlike NXDOMAIN."""


def _embedded_v4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a 6to4 or NAT64 address stands for, if any (mapped addresses are
    settled by :func:`classify` first)."""
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def classify(addr: IPAddress) -> str | None:
    """The kind of non-public address ``addr`` is ("loopback", "private" …), None if public."""
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d on a dual-stack socket
            return classify(addr.ipv4_mapped)
        v4 = _embedded_v4(addr)
        if v4 is not None:
            inner = classify(v4)
            if inner is not None:
                return inner
    # Order matters: 127.0.0.1 is also "private" to Python, but "loopback" says more.
    if addr.is_unspecified:
        return "unspecified"
    if addr.is_loopback:
        return "loopback"
    if addr.is_link_local:
        return "link-local"
    if addr.is_multicast:
        return "multicast"
    if addr.is_reserved:  # 240.0.0.0/4 is also "private" to Python; "reserved" says more
        return "reserved"
    if isinstance(addr, ipaddress.IPv4Address) and addr in _SHARED:
        return "private"
    if addr.is_private:
        return "private"
    if not addr.is_global:
        return "non-public"
    return None


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def blocked_reason(host: str, addr: IPAddress, allowed: tuple[IPNetwork, ...] = ()) -> str | None:
    """One-line refusal for ``host`` resolving to ``addr``, or None if the address is public
    or inside one of the ``allowed`` networks (``--allow-network``)."""
    kind = classify(addr)
    if kind is None or any(_inside(addr, network) for network in allowed):
        return None
    what = f"{_article(kind)} {kind} address {HINT}"
    if literal_address(host) == addr:
        return f"{host.strip('[]')} is {what}"
    return f"{host} resolves to {addr}, {what}"


def _inside(addr: IPAddress, network: IPNetwork) -> bool:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.version == network.version and addr in network


def literal_address(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is an IP literal (brackets allowed), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def check_literal(host: str, allowed: tuple[IPNetwork, ...] = ()) -> None:
    """Refuse an IP-literal host up front, before any connection (cheap, no DNS)."""
    addr = literal_address(host)
    if addr is not None:
        reason = blocked_reason(host, addr, allowed)
        if reason is not None:
            raise BlockedAddressError(reason)


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's preferred order."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        transient = exc.errno == socket.EAI_AGAIN
        cls = TransientDNSError if transient else DNSError
        detail = exc.strerror or str(exc)
        raise cls(f"cannot resolve {host}: {detail}") from exc
    except UnicodeError as exc:
        raise DNSError(f"cannot resolve {host}: {exc}") from exc
    seen: dict[str, None] = {}
    for _family, _type, _proto, _canon, sockaddr in infos:
        seen.setdefault(str(sockaddr[0]), None)
    if not seen:
        raise DNSError(f"cannot resolve {host}: no addresses")
    return list(seen)


class SafeBackend(httpcore.AsyncNetworkBackend):
    """Resolve, check every address, then connect to a checked IP via the wrapped backend."""

    def __init__(
        self,
        *,
        allow_private: bool,
        allowed: tuple[IPNetwork, ...] = (),
        inner: httpcore.AsyncNetworkBackend | None = None,
    ):
        self.allow_private = allow_private
        self.allowed = allowed
        self.inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve(host, port)
        except TimeoutError:
            raise FetchTimeout(f"DNS lookup of {host} timed out after {timeout:g} s") from None
        if not self.allow_private:
            # Any non-public answer refuses the host: a mixed answer is how rebinding starts.
            for ip in addresses:
                address = ipaddress.ip_address(ip.split("%", 1)[0])
                reason = blocked_reason(host, address, self.allowed)
                if reason is not None:
                    raise BlockedAddressError(reason)
        last: Exception | None = None
        for ip in addresses:  # try each checked address in turn (IPv6 may be unreachable)
            try:
                return await self.inner.connect_tcp(
                    ip, port, timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ConnectError("unix sockets are not used by the fetcher")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class SafeTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool built on ``SafeBackend``."""

    def __init__(
        self,
        *,
        verify: bool,
        allow_private: bool,
        limits: httpx.Limits,
        allowed: tuple[IPNetwork, ...] = (),
    ) -> None:
        # One TLS context for both pools: loading the CA bundle is most of a run's set-up.
        context = httpx.create_ssl_context(verify=verify, trust_env=False)
        super().__init__(verify=context, trust_env=False, limits=limits)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=SafeBackend(allow_private=allow_private, allowed=allowed),
        )


def format_peer(addr: Any) -> str | None:
    """``("::1", 80, 0, 0)`` → ``"[::1]:80"``; None when the socket address is unknown."""
    if not isinstance(addr, tuple) or len(addr) < 2:
        return None
    host, port = str(addr[0]), addr[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def is_refused(exc: BaseException) -> bool:
    """Whether an exception chain bottoms out in ECONNREFUSED."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ECONNREFUSED:
            return True
        seen = seen.__cause__ or seen.__context__
    return False
