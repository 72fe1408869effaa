"""Microsoft Project XML (MSPDI): the file as read (document), its reader and writer, the conversion to
engine activities, the rows it imports as."""
