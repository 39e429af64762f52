"""The demo site in the CMS: home page, framework page, the training toolkit and news."""
