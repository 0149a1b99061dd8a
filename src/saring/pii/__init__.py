"""Indonesian PII detection and redaction (step ``pii``): NIK, NPWP, phones, e-mails, public IPs,
payment cards and bank accounts. See :mod:`saring.pii.step` for modes and what is stored."""
