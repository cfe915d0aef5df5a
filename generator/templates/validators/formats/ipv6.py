def _format_ipv6(value: str) -> bool:
    if not value.isascii() or "%" in value or "/" in value:
        return False  # a zone or a netmask is not part of an address
    import ipaddress  # rarely needed: imported on first use, not with the module

    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True
