# Production image of the PMO Portal: one image for web (gunicorn), worker and beat (celery).

# The front-end libraries (ECharts), exactly as package-lock.json pins them; only node_modules is kept.
FROM node:22-slim AS frontend
WORKDIR /frontend
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# gettext: compilemessages builds the .mo catalogs, which are not committed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
COPY --from=frontend /frontend/node_modules ./node_modules

# Build-time values only: the production settings refuse to load without a secret and allowed hosts,
# and collectstatic must run with DEBUG off to build WhiteNoise's hashed manifest.
RUN if find . -name '*.po' | grep -q .; then python manage.py compilemessages -v 0; fi \
    && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-a-secret DJANGO_ALLOWED_HOSTS=build \
       python manage.py collectstatic --noinput -v 0

RUN useradd --system --create-home --uid 10001 pmo
USER pmo

EXPOSE 8000
# gunicorn.conf.py drops the Server header gunicorn would send.
CMD ["gunicorn", "pmo_portal.wsgi:application", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3",
     "--access-logfile", "-"]
