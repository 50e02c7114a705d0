"""Protocols as a commons: a coop publishes its OCs, monographs, crisis lines... as a signed,
versioned package; another coop receives it, sees what changed and adopts it explicitly."""
