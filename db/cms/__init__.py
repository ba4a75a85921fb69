"""Streaming parsers for the official CMS/CDC ICD-10 release files.

Pure readers (no database, no UI, no network) that turn the files CMS and the
CDC publish each fiscal year into frozen dataclasses, so that the reference
database can be rebuilt from the official release instead of packaged extracts.
"""
