"""Stage 3, site: the linked model in, pages and open data out.

render turns the model into Markdown through the templates; data, jsonld, graph and search
write the open data, structured data, relationship diagram and search index; history reads
the content's git log for the Updates sections; write and sitedir are the only way any of
them touches the disk.
"""
