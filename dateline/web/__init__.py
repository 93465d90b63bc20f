"""The web UI: server-rendered Jinja2 pages (autoescaped) with small progressive enhancement."""
