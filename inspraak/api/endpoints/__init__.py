"""The endpoints of the API, one router per subject."""
