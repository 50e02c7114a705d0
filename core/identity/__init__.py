"""Identity: people, households and memberships, accounts, roles and practitioners."""
