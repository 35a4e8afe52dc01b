"""TokenScope's server: the console's static files and a faithful mock of LaunchDarkly's REST API."""
