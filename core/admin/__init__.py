"""Administration: the service catalogue (plugin activation), accounts and roles."""
