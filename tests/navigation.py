"""What a plugin's navigation hook offers, as the tests compare it: its label and address (the
section it sits in, `NavigationItem.group`, is tested in tests/cms/test_menus.py)."""


def label_and_url(item):
    return None if item is None else (item.label, item.url)
