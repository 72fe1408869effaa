from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def pmo_settings_edit(request):
    return HttpResponse("todo")
