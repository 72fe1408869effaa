"""Showing a service's refusal on the form that sent the input."""

from django import forms


def add_service_error(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field_name, field_errors in error.error_dict.items():
        target = field_name if field_name in form.fields else None
        form.add_error(target, field_errors)
