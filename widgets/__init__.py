"""widgets: ipywidgets + matplotlib front-ends over course_lib."""
