# Statuses of a complaint as the citizen sees them (ids follow occ_core::Status::code)
status-received = Received
status-screening = Being screened by our officers
status-need_info = Waiting for more information from you
status-forwarded = Forwarded to the agency in charge
status-in_progress = The agency is working on it
status-resolved = Resolved
status-rejected = Not taken up
status-withdrawn = Withdrawn by you
status-duplicate = The same as an earlier complaint
