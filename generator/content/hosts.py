"""Which hosts a source address may name: public ones only.

One rule for `check` (a source's `url`, `archived_url`; the site's `repo_url`) and for the link
checker (every address it connects to, redirects included): no `localhost`, and no address in
a private, loopback, link-local, shared, reserved, multicast or unspecified range, written in
any form a resolver accepts (`127.1`, `0x7f.0.0.1`, `[::ffff:10.0.0.1]`).
"""

from __future__ import annotations

import ipaddress
import re
import socket

# What inet_aton reads as an IPv4 address: one to four numbers, decimal, octal or hex.
_NUMERIC_V4 = re.compile(r"(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}", re.I)


def literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host name written as a number stands for, or None for a name."""
    host = host.strip("[]").rstrip(".")
    address = host.split("%", 1)[0]
    if ":" not in address and not _NUMERIC_V4.fullmatch(address):
        # A name: neither reading below takes it, and ip_address fails at the cost of three
        # exceptions (a third of checking a source's url, at every source).
        return None
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        pass
    if _NUMERIC_V4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether anyone on the internet reaches this address (IPv4 inside IPv6 judged as IPv4)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def numeric(host: str) -> bool:
    """Whether the host is written as a number (any IPv4 form, or an IPv6 address)."""
    name = host.strip("[]").rstrip(".")
    return ":" in name or _NUMERIC_V4.fullmatch(name) is not None


def host_problem(host: str, names_only: bool = False) -> str:
    """Why a URL's host is not a public one ('' when it is). With `names_only`, a host written
    as a number passes when its address is public (the link checker); a source's address
    (check) names its site: a number is not an address a reader can judge or cite."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return f"names {name}, this computer, not a public host"
    ip = literal_ip(name)
    if ip is not None and not is_public(ip):
        shown = getattr(ip, "ipv4_mapped", None) or ip
        return f"points at {shown}, a private, loopback, link-local or reserved address, not a public host"
    if not names_only and numeric(host):
        return "names its host by number; write the site's name, as readers see it"
    return ""
