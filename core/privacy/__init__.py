"""Law 25 and Loi 5 in the app: the privacy officer, the confidentiality incident register,
retention per discipline with destruction under the officer's approval, legal holds."""
