"""The Playground widget's parts: controls, the browser canvas (network, output and loss views),
the text panels and the static poster. widgets/playground.py puts them together."""
