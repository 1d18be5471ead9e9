"""Reading and writing guide sources, and compiling them into content databases."""
